package org.urbis.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.Function;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.apache.karaf.shell.support.parsing.DefaultParser;

/** Fills a console command's fields from a command line as Karaf does: the command's parser, the Gogo shell, then Karaf's action preparator. */
public final class ConsoleLine {

    private ConsoleLine() {}

    public static <A extends Action> A prepare(A action, String line) throws Exception {
        Parsing parsing = action.getClass().getAnnotation(Parsing.class);
        Parser parser = parsing == null
                ? new DefaultParser()
                : (Parser) parsing.value().getConstructor().newInstance();
        String script = parser.preprocess(null, parser.parse(null, line, line.length()));
        Command command = action.getClass().getAnnotation(Command.class);
        ThreadIOImpl io = new ThreadIOImpl();
        io.start();
        try {
            CommandProcessorImpl shell = new CommandProcessorImpl(io);
            shell.addCommand(
                    command.scope(),
                    (Function) (session, args) -> new DefaultActionPreparator().prepare(action, null, args),
                    command.name());
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
            shell.createSession(InputStream.nullInputStream(), out, out).execute(script);
        } finally {
            io.stop();
        }
        return action;
    }
}
