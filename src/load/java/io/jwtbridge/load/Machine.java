package io.jwtbridge.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPU and memory of processes and of the whole machine, from Linux's /proc. */
final class Machine {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private Machine() {}

    /** User and system CPU seconds a process has used, or {-1, -1} when they cannot be read. */
    static double[] cpuSplitSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {
                Long.parseLong(fields[11]) / (double) TICKS_PER_SECOND, Long.parseLong(fields[12]) / (double) TICKS_PER_SECOND
            };
        } catch (IOException | RuntimeException ex) {
            return new double[] {-1, -1};
        }
    }

    /** CPU seconds (user + system) a process has used, or -1 when it cannot be read. */
    static double cpuSeconds(long pid) {
        double[] split = cpuSplitSeconds(pid);
        return split[0] < 0 ? -1 : split[0] + split[1];
    }

    /**
     * CPU seconds (user + system) used by the live processes with this command name (e.g. all of
     * PostgreSQL's processes), or -1 when they cannot be read.
     */
    static double cpuSecondsOfCommand(String command) {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToDouble(path -> {
                        try {
                            String stat = Files.readString(path.resolve("stat"));
                            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                            return name.equals(command)
                                    ? cpuSeconds(Long.parseLong(path.getFileName().toString()))
                                    : 0;
                        } catch (IOException | RuntimeException ex) {
                            return 0; // gone meanwhile
                        }
                    })
                    .filter(seconds -> seconds > 0)
                    .sum();
        } catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /** Resident set size in MiB, or -1 when it cannot be read. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException ex) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Busy CPU seconds of the machine (all cores), or -1 when unknown. */
    static double machineBusySeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return (total - idle) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /**
     * CPU seconds the hypervisor gave to other guests while this machine wanted them (steal), all
     * cores, or -1 when unknown: a run with much steal measured a slower machine.
     */
    static double machineStealSeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(fields[8]) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException ex) {
            return 100;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
