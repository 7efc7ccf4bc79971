package dev.agentruntime.jupyter;

import dev.agentruntime.core.testing.TestUsers;

/** {@link IPythonHandlerCases} as this process's user. */
class IPythonHandlerIT extends IPythonHandlerCases {

    @Override
    TestUsers.As as() {
        return TestUsers.As.PROCESS_USER;
    }
}
