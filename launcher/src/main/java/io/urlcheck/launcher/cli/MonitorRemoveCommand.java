package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code urlcheck monitor remove NAME}: deletes a monitor; its runs and events stay in the sink. */
@Command(name = "remove", sortOptions = false)
public final class MonitorRemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The monitor to remove.")
    String name;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        if (!api.monitors().remove(name)) {
            throw new ApiException("producer: no monitor named '" + name + "' (./urlcheck monitor list shows them)", 404);
        }
        System.out.println("monitor " + TerminalText.safe(name) + " removed");
        System.out.flush();
        return ExitCodes.OK;
    }
}
