package dev.agentruntime.examples;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.langchain4j.AgentRuntimeToolProvider;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A LangChain4j AI service with a sandboxed shell, editor and Python: the model (scripted here, so it runs with no
 * network) writes a program, runs it and answers. Usage: {@code LangChain4jAgent DIR}.
 */
public final class LangChain4jAgent {

    private LangChain4jAgent() {
    }

    /** The AI service: one method, the task in, the model's answer out. */
    interface Developer {
        String work(String task);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "workspace")).toAbsolutePath();
        // A real model instead: OpenAiChatModel.builder().apiKey(System.getenv("OPENAI_API_KEY"))
        //         .modelName("gpt-4o").build()   (dependency dev.langchain4j:langchain4j-open-ai)
        ChatModel model = new ScriptedModel(dir);
        // --- README: langchain4j ---
        try (AgentRuntime runtime = AgentRuntime.builder().workingDirectory(dir).build()) {
            Developer developer = AiServices.builder(Developer.class)
                    .chatModel(model)
                    .toolProvider(AgentRuntimeToolProvider.of(runtime))
                    .build();
            System.out.println(developer.work("Write fib.py printing the 10th Fibonacci number, and run it."));
        }
        // --- end ---
    }

    /** Answers with tool calls, then with what the last tool said; prints each result as the model reads it. */
    static final class ScriptedModel implements ChatModel {
        private final Deque<AiMessage> script = new ArrayDeque<>();

        ScriptedModel(Path dir) {
            String file = dir.resolve("fib.py").toString();
            script.add(call("str_replace_editor", "{\"command\": \"create\", \"path\": \"" + file + "\", "
                    + "\"file_text\": \"a, b = 0, 1\\nfor _ in range(10):\\n    a, b = b, a + b\\nprint(a)\\n\"}"));
            script.add(call("execute_bash", "{\"command\": \"python3 fib.py\"}"));
        }

        private static AiMessage call(String tool, String arguments) {
            return AiMessage.from(ToolExecutionRequest.builder().id(tool).name(tool).arguments(arguments).build());
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            if (last instanceof ToolExecutionResultMessage result) {
                System.out.println(result.toolName() + " -> " + result.text());
            }
            AiMessage next = script.poll();
            if (next == null) {
                String said = ((ToolExecutionResultMessage) last).text();
                next = AiMessage.from("The 10th Fibonacci number is " + said.substring(0, said.indexOf('\n')) + ".");
            }
            return ChatResponse.builder().aiMessage(next).build();
        }
    }
}
