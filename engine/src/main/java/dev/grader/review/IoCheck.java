package dev.grader.review;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.grader.model.FlagKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reaching outside the exercise: hosts other than the loopback address, and files outside the working folder
 * (absolute or {@code ..} paths, the home and temporary folders). Only what the source states is judged:
 * hosts and paths written as constants; a host or path that comes from a parameter is the test's choice.
 */
final class IoCheck implements Check {

    private static final Set<String> FILE_TYPES = Set.of(
            "java.io.File",
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.FileReader",
            "java.io.FileWriter",
            "java.io.RandomAccessFile",
            "java.io.PrintStream",
            "java.io.PrintWriter");
    private static final Set<String> OUTSIDE_PROPERTIES = Set.of("user.home", "java.io.tmpdir");
    private static final Set<String> OUTSIDE_VARIABLES = Set.of("HOME", "TMPDIR", "TMP", "TEMP", "USERPROFILE");
    private static final Pattern URL =
            Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(//)?([^/?#]*)(.*)$", Pattern.DOTALL);
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*", Pattern.DOTALL);

    @Override
    public void check(SourceContext src, Findings out) {
        for (ObjectCreationExpr created : src.all(ObjectCreationExpr.class)) {
            String type = src.resolveType(SourceContext.written(created.getType()));
            if (type == null || created.getArguments().isEmpty()) {
                continue;
            }
            List<String> args = src.constants(created.getArguments());
            switch (type) {
                case "java.net.Socket", "java.net.InetSocketAddress" -> host(args.get(0), created, type, out);
                case "java.net.URI", "java.net.URL" -> {
                    if (args.size() >= 3 && type.equals("java.net.URL")) {
                        host(args.get(1), created, type, out); // URL(protocol, host, port, file)
                    } else {
                        url(args.get(0), created, out);
                    }
                }
                default -> {
                    if (FILE_TYPES.contains(type)) {
                        paths(args, created, type.substring(type.lastIndexOf('.') + 1), out);
                    }
                }
            }
        }
        for (MethodCallExpr call : src.all(MethodCallExpr.class)) {
            if (call.getArguments().isEmpty()) {
                continue;
            }
            String first = src.constant(call.getArgument(0));
            String name = call.getNameAsString();
            if (src.isStaticCall(call, "java.net.URI", Set.of("create"))) {
                url(first, call, out);
            } else if (src.isStaticCall(call, "java.net.InetAddress", Set.of("getByName", "getAllByName"))
                    || src.isStaticCall(call, "java.net.InetSocketAddress", Set.of("createUnresolved"))) {
                host(first, call, name, out);
            } else if (src.isStaticCall(call, "java.nio.file.Paths", Set.of("get"))
                    || src.isStaticCall(call, "java.nio.file.Path", Set.of("of"))) {
                paths(src.constants(call.getArguments()), call, name.equals("of") ? "Path.of" : "Paths.get", out);
            } else if ((name.equals("resolve") || name.equals("resolveSibling")) && first != null && climbs(first)) {
                out.add(
                        FlagKind.FILE_OUTSIDE_WORKDIR,
                        call,
                        name + "(\"" + shown(first) + "\") climbs out of a folder");
            } else if (src.isStaticCall(call, "java.lang.System", Set.of("getProperty"))
                    && first != null
                    && OUTSIDE_PROPERTIES.contains(first)) {
                out.add(
                        FlagKind.FILE_OUTSIDE_WORKDIR,
                        call,
                        "reads the " + first + " folder, outside the working folder");
            } else if (src.isStaticCall(call, "java.lang.System", Set.of("getenv"))
                    && first != null
                    && OUTSIDE_VARIABLES.contains(first)) {
                out.add(
                        FlagKind.FILE_OUTSIDE_WORKDIR,
                        call,
                        "reads $" + first + ", a folder outside the working folder");
            }
        }
    }

    private static void host(String host, Node at, String via, Findings out) {
        if (host == null || host.indexOf(SourceContext.UNKNOWN) >= 0 || isLoopback(host)) {
            return;
        }
        out.add(
                FlagKind.NETWORK_ACCESS,
                at,
                shortName(via) + " names the host \"" + host + "\", which is not the loopback address");
    }

    private static void url(String value, Node at, Findings out) {
        if (value == null) {
            return;
        }
        Matcher m = URL.matcher(value);
        if (!m.matches() || m.group(1).indexOf(SourceContext.UNKNOWN) >= 0) {
            return;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (scheme.equals("file") || scheme.equals("jar")) {
            out.add(
                    FlagKind.FILE_OUTSIDE_WORKDIR,
                    at,
                    "the URL \"" + shown(value) + "\" reads a file by absolute location");
            return;
        }
        String authority = m.group(3);
        if (m.group(2) == null || authority.indexOf(SourceContext.UNKNOWN) >= 0 || authority.isEmpty()) {
            return;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (!isLoopback(host)) {
            out.add(
                    FlagKind.NETWORK_ACCESS,
                    at,
                    "the URL \"" + shown(value) + "\" names the host \"" + host
                            + "\", which is not the loopback address");
        }
    }

    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.startsWith("127.")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private static void paths(List<String> args, Node at, String via, Findings out) {
        String first = args.get(0);
        if (first != null && isAbsolute(first)) {
            out.add(FlagKind.FILE_OUTSIDE_WORKDIR, at, via + "(\"" + shown(first) + "\") is an absolute path");
            return;
        }
        for (String arg : args) {
            if (arg != null && climbs(arg)) {
                out.add(
                        FlagKind.FILE_OUTSIDE_WORKDIR,
                        at,
                        via + "(\"" + shown(arg) + "\") climbs out of the working folder");
                return;
            }
        }
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/")
                || path.startsWith("\\")
                || path.startsWith("~")
                || WINDOWS_DRIVE.matcher(path).matches();
    }

    private static boolean climbs(String path) {
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String shortName(String via) {
        return via.substring(via.lastIndexOf('.') + 1);
    }

    private static String shown(String value) {
        return value.replace(SourceContext.UNKNOWN, '…');
    }
}
