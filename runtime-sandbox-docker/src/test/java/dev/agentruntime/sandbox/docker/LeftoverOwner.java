package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxSpec;

/**
 * A JVM that starts a sandbox and never closes it: the reaper test kills it and expects its container to be found
 * and removed. Prints the sandbox's name, then waits to be killed.
 */
final class LeftoverOwner {

    private LeftoverOwner() {
    }

    public static void main(String[] args) throws Exception {
        DockerSandboxes docker = DockerSandboxes.connect();
        Sandbox sandbox = docker.start(SandboxSpec.builder().image(args[0]).build());
        System.out.println("started " + sandbox.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
