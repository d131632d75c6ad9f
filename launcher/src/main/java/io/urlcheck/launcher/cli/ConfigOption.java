package io.urlcheck.launcher.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --config FILE}: the commands that read {@code urlcheck.toml} ({@link ConfigFile}) declare it with this. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read options from this TOML file instead of ./" + ConfigFile.DEFAULT_NAME + "; flags win over it.")
    Path file;
}
