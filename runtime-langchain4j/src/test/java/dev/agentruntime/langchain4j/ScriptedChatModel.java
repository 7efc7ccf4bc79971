package dev.agentruntime.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A chat model that answers from a script: tool calls one at a time, then a text. It keeps what it was sent, so a
 * test can read the tool results the way a model reads them. No network, no real model.
 */
final class ScriptedChatModel implements ChatModel {

    private final Deque<AiMessage> script = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();
    private int calls;

    ScriptedChatModel call(String tool, String arguments) {
        script.add(AiMessage.from(ToolExecutionRequest.builder().id("call-" + (++calls)).name(tool)
                .arguments(arguments).build()));
        return this;
    }

    ScriptedChatModel answer(String text) {
        script.add(AiMessage.from(text));
        return this;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        AiMessage next = script.poll();
        if (next == null) {
            throw new AssertionError("the script has ended, but the model was called again");
        }
        return ChatResponse.builder().aiMessage(next).build();
    }

    /** The tool results the model was shown, in order. */
    List<ToolExecutionResultMessage> toolResults() {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        if (!requests.isEmpty()) {
            for (ChatMessage m : requests.get(requests.size() - 1).messages()) {
                if (m instanceof ToolExecutionResultMessage r) {
                    results.add(r);
                }
            }
        }
        return results;
    }
}
