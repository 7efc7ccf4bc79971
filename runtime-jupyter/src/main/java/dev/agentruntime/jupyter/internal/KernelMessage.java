package dev.agentruntime.jupyter.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A received Jupyter message, reduced to what the client uses.
 *
 * @param msgId       the message's own id
 * @param msgType     e.g. {@code stream}, {@code execute_reply}, {@code status}
 * @param parentMsgId the id of the request it answers, or {@code ""}
 * @param content     the parsed content
 */
public record KernelMessage(String msgId, String msgType, String parentMsgId, JsonNode content) {
}
