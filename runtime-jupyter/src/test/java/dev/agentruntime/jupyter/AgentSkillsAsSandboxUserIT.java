package dev.agentruntime.jupyter;

import dev.agentruntime.core.testing.TestUsers;

/** {@link AgentSkillsCases} as a non-root sandbox user, the process being root (skipped otherwise). */
class AgentSkillsAsSandboxUserIT extends AgentSkillsCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.SANDBOX_USER;
    }
}
