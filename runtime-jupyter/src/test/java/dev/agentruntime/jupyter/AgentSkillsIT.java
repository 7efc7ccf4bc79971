package dev.agentruntime.jupyter;

import dev.agentruntime.core.testing.TestUsers;

/** {@link AgentSkillsCases} as this process's user. */
class AgentSkillsIT extends AgentSkillsCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.PROCESS_USER;
    }
}
