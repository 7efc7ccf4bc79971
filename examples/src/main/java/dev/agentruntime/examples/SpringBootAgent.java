package dev.agentruntime.examples;

import dev.agentruntime.springai.AgentRuntimeToolCallbacks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
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
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot agent application: the auto-configured runtime ({@code agent-runtime.*}, in-process in
 * {@code ./workspace} unless set otherwise) and its tool callbacks, a {@code ChatClient} over a model (scripted here,
 * so it runs with no network), one task. Usage: {@code SpringBootAgent [--agent-runtime.working-directory=DIR]}.
 */
@SpringBootApplication
public class SpringBootAgent {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootAgent.class, args).close(); // closing removes the runtime (or container)
    }

    /**
     * The model. A real one instead: add {@code org.springframework.ai:spring-ai-starter-model-openai}, set
     * {@code spring.ai.openai.api-key}, and delete this bean: Boot configures that ChatModel.
     */
    @Bean
    ChatModel chatModel() {
        return new ScriptedModel();
    }

    // --- README: spring ---
    @Bean
    ApplicationRunner task(ChatModel model, AgentRuntimeToolCallbacks tools) {
        return args -> {
            ChatClient chat = ChatClient.builder(model).defaultTools(tools).build();
            System.out.println(chat.prompt("How many CPUs does the sandbox have?").call().content());
        };
    }
    // --- end ---

    /** Calls one tool, then answers with what it said; runs tools as provider models do. */
    static final class ScriptedModel implements ChatModel {
        private final Deque<AssistantMessage> script = new ArrayDeque<>(List.of(AssistantMessage.builder().content("")
                .toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "execute_bash",
                        "{\"command\": \"nproc\"}"))).build()));
        private final ToolCallingManager tools = ToolCallingManager.builder().build();

        @Override
        public ChatResponse call(Prompt prompt) {
            Prompt current = prompt;
            while (true) {
                AssistantMessage next = script.poll();
                if (next == null) {
                    List<Message> history = current.getInstructions();
                    String said = ((ToolResponseMessage) history.get(history.size() - 1)).getResponses().get(0)
                            .responseData();
                    System.out.println("execute_bash -> " + said);
                    next = new AssistantMessage("The sandbox has " + said.substring(0, said.indexOf('\n'))
                            + " CPUs.");
                }
                ChatResponse response = new ChatResponse(List.of(new Generation(next)));
                if (!response.hasToolCalls()) {
                    return response;
                }
                current = new Prompt(tools.executeToolCalls(current, response).conversationHistory(),
                        current.getOptions());
            }
        }

        @Override
        public ChatOptions getOptions() {
            return ToolCallingChatOptions.builder().build();
        }
    }
}
