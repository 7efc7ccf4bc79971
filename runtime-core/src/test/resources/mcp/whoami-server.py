# A minimal MCP server over stdio (newline-delimited JSON-RPC), for the router's tests: one tool, "whoami", that
# answers who runs it, where, with which environment, and its pid, so that a test can see the server was started as
# the sandbox user with the agent's environment, and that it ended when it should.
import json
import os
import pwd
import sys


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    if not line.strip():
        continue
    message = json.loads(line)
    method, ident = message.get("method"), message.get("id")
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": ident, "result": {
            "protocolVersion": message["params"]["protocolVersion"], "capabilities": {"tools": {}},
            "serverInfo": {"name": "whoami", "version": "1.0"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": ident, "result": {"tools": [{
            "name": "whoami", "description": "Says who runs this server, where and with what.",
            "inputSchema": {"type": "object", "properties": {"greeting": {"type": "string"}}}}]}})
    elif method == "tools/call":
        arguments = message["params"].get("arguments") or {}
        text = "%s from %s in %s pid %d FOO=%s SESSION_API_KEY=%s" % (
            arguments.get("greeting", "hello"), pwd.getpwuid(os.getuid()).pw_name, os.getcwd(), os.getpid(),
            os.environ.get("FOO"), os.environ.get("SESSION_API_KEY"))
        send({"jsonrpc": "2.0", "id": ident, "result": {"content": [{"type": "text", "text": text}],
                                                        "isError": False}})
    elif ident is not None:
        send({"jsonrpc": "2.0", "id": ident, "error": {"code": -32601, "message": "no method " + str(method)}})
