package io.urlcheck.launcher.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code urlcheck.toml}: options for {@code run}, {@code submit} and {@code up} kept in a file, read from the working
 * directory or from {@code --config FILE}. Each key is a long option name without its dashes
 * ({@code accept}, {@code exclude}, {@code concurrency}, {@code format}...), with the value the flag would
 * take; a repeatable option takes an array, {@code header} also a table of names to values, a flag
 * {@code true} or {@code false}. The file's entries become arguments in front of the user's, and an option
 * the user gave on the command line is not taken from the file: flags win. A key that no such command has is
 * an error naming the key.
 */
public final class ConfigFile {

    /** The file read from the working directory when {@code --config} is not given. */
    public static final String DEFAULT_NAME = "urlcheck.toml";

    private static final String CONFIG = "--config";

    private ConfigFile() {
    }

    /**
     * {@code args} with the file's options put in front of the subcommand's own; unchanged without a file or for
     * a command that takes none. An {@link IllegalArgumentException} says what is wrong with the file.
     */
    public static String[] expand(String[] args, CommandLine root) {
        int at = subcommandAt(args, root);
        if (at < 0) {
            return args;
        }
        CommandSpec command = root.getSubcommands().get(args[at]).getCommandSpec();
        if (command.findOption(CONFIG) == null) {
            return args;
        }
        List<String> own = Arrays.asList(args).subList(at + 1, args.length);
        Path file = configPath(own);
        if (file == null) {
            return args;
        }
        Map<String, Object> entries = read(file);
        Set<String> known = knownKeys(root);
        List<String> front = new ArrayList<>();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file + "; a key is a long option of run, submit or up"
                        + " without its dashes: " + String.join(", ", known));
            }
            OptionSpec option = command.findOption("--" + key);
            if (option != null && !givenOnCommandLine(option, own)) {
                arguments(option, key, entry.getValue(), file, front);
            }
        }
        List<String> expanded = new ArrayList<>(Arrays.asList(args).subList(0, at + 1));
        expanded.addAll(front);
        expanded.addAll(own);
        return expanded.toArray(String[]::new);
    }

    private static int subcommandAt(String[] args, CommandLine root) {
        for (int i = 0; i < args.length; i++) {
            if (root.getSubcommands().containsKey(args[i])) {
                return i;
            }
            if (!args[i].startsWith("-")) {
                return -1;
            }
        }
        return -1;
    }

    private static Path configPath(List<String> own) {
        for (int i = 0; i < own.size(); i++) {
            String arg = own.get(i);
            String value = arg.equals(CONFIG) && i + 1 < own.size() ? own.get(i + 1)
                    : arg.startsWith(CONFIG + "=") ? arg.substring(CONFIG.length() + 1) : null;
            if (value != null) {
                Path given = Path.of(value);
                if (!Files.isRegularFile(given)) {
                    throw new IllegalArgumentException("--config: no such file " + given);
                }
                return given;
            }
        }
        Path local = Path.of(DEFAULT_NAME);
        return Files.isRegularFile(local) ? local : null;
    }

    private static Map<String, Object> read(Path file) {
        try {
            return new TomlMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(file + " is not valid TOML: " + message, e);
        }
    }

    /** Every long option of the commands that read the file, without dashes; {@code config} and {@code help} excluded. */
    static Set<String> knownKeys(CommandLine root) {
        Set<String> keys = new TreeSet<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption(CONFIG) == null) {
                continue;
            }
            for (OptionSpec option : sub.getCommandSpec().options()) {
                String name = option.longestName();
                if (name.startsWith("--") && !option.usageHelp() && !option.versionHelp() && !option.hidden()
                        && !name.equals(CONFIG)) {
                    keys.add(name.substring(2));
                }
            }
        }
        return keys;
    }

    private static boolean givenOnCommandLine(OptionSpec option, List<String> own) {
        for (String arg : own) {
            if (arg.equals("--")) {
                return false;
            }
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void arguments(OptionSpec option, String key, Object value, Path file, List<String> out) {
        String flag = "--" + key;
        if (value instanceof Boolean on) {
            if (option.arity().max() != 0) {
                throw new IllegalArgumentException(key + " in " + file + " takes a value, not true or false");
            }
            if (on) {
                out.add(flag);
            }
            return;
        }
        if (option.arity().max() == 0) {
            throw new IllegalArgumentException(key + " in " + file + " is a flag: write " + key + " = true");
        }
        if (value instanceof List<?> list) {
            if (!option.isMultiValue()) {
                throw new IllegalArgumentException(key + " in " + file + " takes one value, not an array");
            }
            list.forEach(item -> out.add(flag + "=" + scalar(key, item, file)));
        } else if (value instanceof Map<?, ?> table) {
            if (!key.equals("header")) {
                throw new IllegalArgumentException(key + " in " + file + " cannot be a table");
            }
            table.forEach((name, v) -> out.add(flag + "=" + name + ": " + scalar(key, v, file)));
        } else {
            out.add(flag + "=" + scalar(key, value, file));
        }
    }

    private static String scalar(String key, Object value, Path file) {
        if (value instanceof List<?> || value instanceof Map<?, ?> || value == null) {
            throw new IllegalArgumentException(key + " in " + file + " holds a nested value");
        }
        return String.valueOf(value);
    }
}
