/**
 * OpenHands' file semantics: the line-range rules of {@code read} and {@code write}, the {@code str_replace_editor}
 * commands, directory listings for {@code /list_files}, and safe zip extraction and creation for uploads and
 * downloads. Pure Java plus Commons Compress (kept out of every public signature).
 */
package dev.agentruntime.core.files;
