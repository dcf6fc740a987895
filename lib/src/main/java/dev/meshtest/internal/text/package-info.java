/**
 * Text for messages, shared by every package: how a value of any length is shown
 * ({@link dev.meshtest.internal.text.Shown}) and which known name a misspelt one probably meant
 * ({@link dev.meshtest.internal.text.Suggestions}). Both cost time linear in the text, whatever
 * a hostile input holds. The API server's words that more than one package gives
 * ({@link dev.meshtest.internal.text.ApiServerText}) have their home here too. Uses nothing of ours.
 */
package dev.meshtest.internal.text;
