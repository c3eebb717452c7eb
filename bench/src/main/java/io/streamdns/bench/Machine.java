package io.streamdns.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Facts about the machine a result came from: without them a number means little. */
public final class Machine {
    private Machine() {
    }

    public static ObjectNode facts() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        n.put("cores", Runtime.getRuntime().availableProcessors());
        n.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            n.put("totalMemoryBytes", sun.getTotalMemorySize());
        }
        n.put("loadAverage1m", Stats.round(os.getSystemLoadAverage()));
        n.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return n;
    }

    /** CPU time this JVM has used so far, all threads; -1 where the JVM does not say. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime() : -1;
    }

    /** Heap in use after asking for full collections until it stops shrinking (a best effort, as always in Java). */
    public static long settledHeapUsed() {
        long previous = Long.MAX_VALUE;
        long used = usedHeap();
        for (int i = 0; i < 8 && used < previous - 64 * 1024; i++) {
            previous = used;
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = usedHeap();
        }
        return used;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
