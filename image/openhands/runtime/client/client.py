# The 2024 runtime client's module, started as python -u -m openhands.runtime.client.client PORT ... in
# /openhands/code/: in this image agent-runtime's server, in the 2024 dialect.
import os
import sys

os.execv("/opt/agent-runtime/bin/agent-runtime", ["agent-runtime", "--dialect", "legacy"] + sys.argv[1:])
