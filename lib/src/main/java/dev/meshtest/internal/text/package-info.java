/**
 * Text for messages, shared by every package: how a value of any length is shown
 * ({@link dev.meshtest.internal.text.Shown}) and which known name a misspelt one probably meant
 * ({@link dev.meshtest.internal.text.Suggestions}). Both cost time linear in the text, whatever
 * a hostile input holds. Uses nothing of ours.
 */
package dev.meshtest.internal.text;
