package dev.agentruntime.jupyter;

import dev.agentruntime.core.testing.TestUsers;

/** {@link IPythonHandlerCases} as a non-root sandbox user, the process being root (skipped otherwise). */
class IPythonHandlerAsSandboxUserIT extends IPythonHandlerCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.SANDBOX_USER;
    }
}
