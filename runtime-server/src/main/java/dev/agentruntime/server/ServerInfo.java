package dev.agentruntime.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /server_info}: uptime, idle time and this process's resources, with the current OpenHands server's keys.
 * CPU is measured since the previous call (no sampling pause); memory and io come from {@code /proc/self}.
 */
final class ServerInfo {

    private static final Object CPU_LOCK = new Object();
    private static long lastCpuNanos = -1;
    private static long lastWallNanos;

    private ServerInfo() {
    }

    static Map<String, Object> snapshot(ServerState state) {
        long now = System.nanoTime();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uptime", (now - state.startNanos) / 1e9);
        info.put("idle_time", (now - state.lastExecutionNanos.get()) / 1e9);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpu_percent", cpuPercent(now));
        resources.put("memory", memory());
        resources.put("disk", disk(state.runtime.workspace().initialDirectory()));
        resources.put("io", io());
        info.put("resources", resources);
        info.put("browser_engine", state.browserEngine);
        return info;
    }

    private static double cpuPercent(long now) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return 0.0;
        }
        long cpu = os.getProcessCpuTime();
        synchronized (CPU_LOCK) {
            // The first call measures since the JVM started.
            long fromCpu = lastCpuNanos < 0 ? 0 : lastCpuNanos;
            double wall = lastCpuNanos < 0 ? ManagementFactory.getRuntimeMXBean().getUptime() * 1e6 : now - lastWallNanos;
            lastCpuNanos = cpu;
            lastWallNanos = now;
            return wall <= 0 ? 0.0 : Math.round((cpu - fromCpu) / wall * 1000.0) / 10.0;
        }
    }

    private static Map<String, Object> memory() {
        long pageSize = 4096;
        long vms = 0;
        long rss = 0;
        try {
            String[] statm = Files.readString(Path.of("/proc/self/statm"), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            vms = Long.parseLong(statm[0]) * pageSize;
            rss = Long.parseLong(statm[1]) * pageSize;
        } catch (IOException | RuntimeException e) {
            rss = Runtime.getRuntime().totalMemory();
        }
        long total = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss", rss);
        m.put("vms", vms);
        m.put("percent", total == 0 ? 0.0 : Math.round(rss * 1000.0 / total) / 10.0);
        return m;
    }

    private static Map<String, Object> disk(Path dir) {
        Map<String, Object> d = new LinkedHashMap<>();
        try {
            FileStore store = Files.getFileStore(dir);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            long used = total - store.getUnallocatedSpace();
            d.put("total", total);
            d.put("used", used);
            d.put("free", free);
            d.put("percent", used + free == 0 ? 0.0 : Math.round(used * 1000.0 / (used + free)) / 10.0);
        } catch (IOException e) {
            d.put("total", 0L);
            d.put("used", 0L);
            d.put("free", 0L);
            d.put("percent", 0.0);
        }
        return d;
    }

    private static Map<String, Object> io() {
        long read = 0;
        long write = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("read_bytes:")) {
                    read = Long.parseLong(line.substring(11).trim());
                } else if (line.startsWith("write_bytes:")) {
                    write = Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // as the reference: 0 when unreadable
        }
        Map<String, Object> io = new LinkedHashMap<>();
        io.put("read_bytes", read);
        io.put("write_bytes", write);
        return io;
    }
}
