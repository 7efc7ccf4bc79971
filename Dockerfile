# The agent-runtime sandbox image: a JRE, bash, git, sudo, Python 3 with ipykernel and the AgentSkills' readers,
# the server jar with a class-data archive made at build time, and Chromium when asked for.
#
#   ./mvnw -B package -DskipTests -pl runtime-server -am
#   docker build -t agent-runtime .                               # HtmlUnit browser
#   docker build -t agent-runtime:chromium --build-arg CHROMIUM=true .
#   docker run -p 8000:8000 agent-runtime
#
# It runs as root with --username openhands --user-id 1000, as OpenHands starts its runtime: the server creates the
# user on start and runs the agent's shell, kernel and browser as it. tini is PID 1, so orphans are reaped and
# `docker stop` (SIGTERM) reaches the server, which ends every process it started.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG CHROMIUM=false
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless bash git sudo curl ca-certificates tini util-linux passwd \
      python-is-python3 python3-ipykernel python3-docx python3-pypdf2 python3-pylatexenc flake8 \
 && if [ "$CHROMIUM" = "true" ]; then \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
    fi \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
# A UTF-8 locale for the server and the agent alike: the JDK can use file names that are not ASCII only under one,
# and the agent's tools (ls, python, git) then show such names and text as they are.
ENV LANG=C.UTF-8
# The server's launcher (the JVM flags, written once), and OpenHands' own launch lines: its Docker runtime starts the
# image with entrypoint [] in /openhands/code/ and "/openhands/micromamba/bin/micromamba run -n openhands poetry run
# python -u -m openhands.runtime.action_execution_server PORT ..." (the 2024 one with /openhands/miniforge3/bin/mamba
# and openhands.runtime.client.client). Those paths hold a launcher of this server; no Python environment is needed.
COPY image/agent-runtime /opt/agent-runtime/bin/agent-runtime
COPY image/openhands-launcher /openhands/micromamba/bin/micromamba
COPY image/openhands-launcher /openhands/miniforge3/bin/mamba
COPY image/openhands /openhands/code/openhands
COPY runtime-server/target/runtime-server.jar /opt/agent-runtime/runtime-server.jar
# The class-data archive: one run of the server that answers a few actions records the classes it loads; every
# start of the image then maps them (about a third faster to the first /alive).
RUN set -e; ws=$(mktemp -d); \
    java -XX:ArchiveClassesAtExit=/opt/agent-runtime/runtime-server.jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -jar /opt/agent-runtime/runtime-server.jar 8001 --working-dir "$ws" --no-enable-browser & pid=$!; \
    for i in $(seq 1 100); do curl -sf localhost:8001/alive >/dev/null && break; sleep 0.2; done; \
    curl -sf localhost:8001/execute_action -d '{"action": {"action": "run", "args": {"command": "echo hi"}}}' >/dev/null; \
    curl -sf localhost:8001/execute_action -d '{"action": {"action": "write", "args": {"path": "a.txt", "content": "x"}}}' >/dev/null; \
    curl -sf localhost:8001/execute_action -d '{"action": {"action": "read", "args": {"path": "a.txt"}}}' >/dev/null; \
    curl -sf localhost:8001/list_files -d '{}' >/dev/null; \
    kill -TERM $pid; wait $pid || true; rm -rf "$ws"; test -s /opt/agent-runtime/runtime-server.jsa
WORKDIR /workspace
# As bin/serve: two malloc arenas, so that native memory freed after a large output leaves the process; for the
# server's JVM only (its shell and kernel do not inherit it).
ENV MALLOC_ARENA_MAX=2 AGENT_RUNTIME_JVM_ONLY_ENV=MALLOC_ARENA_MAX
EXPOSE 8000
STOPSIGNAL SIGTERM
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="agent-runtime" \
      org.opencontainers.image.description="A sandbox-side runtime for AI coding agents that speaks the OpenHands runtime protocol (bash, files, Jupyter, a browser, MCP)." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.url="https://github.com/agentruntime/agent-runtime" \
      org.opencontainers.image.source="https://github.com/agentruntime/agent-runtime" \
      org.opencontainers.image.vendor="The agent-runtime developers"
ENTRYPOINT ["/usr/bin/tini", "--", "/opt/agent-runtime/bin/agent-runtime"]
CMD ["8000", "--working-dir", "/workspace", "--plugins", "jupyter", "agent_skills", \
     "--username", "openhands", "--user-id", "1000"]
