package dev.agentruntime.springai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;

/**
 * A chat model that answers from a script, and runs the tool calls it makes the way Spring AI's provider models do
 * (a {@link ToolCallingManager} over the prompt's tool callbacks), until the script answers with text. It keeps the
 * prompts it was given, so a test reads the tool results as a model reads them. No network, no real model.
 */
final class ScriptedChatModel implements ChatModel {

    private final Deque<AssistantMessage> script = new ArrayDeque<>();
    private final ToolCallingManager toolCalling = ToolCallingManager.builder().build();
    final List<Prompt> prompts = new ArrayList<>();
    private int calls;

    ScriptedChatModel call(String tool, String arguments) {
        script.add(AssistantMessage.builder().content("").toolCalls(List.of(new AssistantMessage.ToolCall(
                "call-" + (++calls), "function", tool, arguments))).build());
        return this;
    }

    ScriptedChatModel answer(String text) {
        script.add(new AssistantMessage(text));
        return this;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Prompt current = prompt;
        while (true) {
            prompts.add(current);
            AssistantMessage next = script.poll();
            if (next == null) {
                throw new AssertionError("the script has ended, but the model was called again");
            }
            ChatResponse response = new ChatResponse(List.of(new Generation(next)));
            if (!response.hasToolCalls()) {
                return response;
            }
            ToolExecutionResult executed = toolCalling.executeToolCalls(current, response);
            current = new Prompt(executed.conversationHistory(), current.getOptions());
        }
    }

    /** Options that carry tool callbacks: ChatClient puts its own into a copy of these, as for provider models. */
    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    /** The tool results the model was shown last, in order. */
    List<ToolResponseMessage.ToolResponse> toolResults() {
        List<ToolResponseMessage.ToolResponse> results = new ArrayList<>();
        for (Message m : prompts.get(prompts.size() - 1).getInstructions()) {
            if (m instanceof ToolResponseMessage r) {
                results.addAll(r.getResponses());
            }
        }
        return results;
    }
}
