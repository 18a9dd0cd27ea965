package io.exposureguard;

import io.exposureguard.cli.ScanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * One jar, two modes. {@code scan ...} runs the offline scanner and exits without booting Quarkus, so it
 * needs no cluster, kubeconfig or network and never starts the operator. Anything else starts the operator.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("scan")) {
            System.exit(ScanCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
