package dev.agentruntime.shell;

import dev.agentruntime.core.testing.TestUsers;

/** {@link CmdRunHandlerCases} as this process's user. */
class CmdRunHandlerIT extends CmdRunHandlerCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.PROCESS_USER;
    }
}
