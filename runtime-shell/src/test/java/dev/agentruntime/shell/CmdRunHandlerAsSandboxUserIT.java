package dev.agentruntime.shell;

import dev.agentruntime.core.testing.TestUsers;

/** {@link CmdRunHandlerCases} as a non-root sandbox user, the process being root (skipped otherwise). */
class CmdRunHandlerAsSandboxUserIT extends CmdRunHandlerCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.SANDBOX_USER;
    }
}
