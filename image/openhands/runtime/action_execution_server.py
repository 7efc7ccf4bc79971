# OpenHands can start its runtime without its micromamba environment (OPENHANDS_USE_MICROMAMBA=0):
#   python -u -m openhands.runtime.action_execution_server PORT --working-dir ... (in /openhands/code/)
# In this image that module is agent-runtime's server: this file hands its arguments over.
import os
import sys

os.execv("/opt/agent-runtime/bin/agent-runtime", ["agent-runtime"] + sys.argv[1:])
