package org.urbis.shell.parsing;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.parsing.DefaultParser;

/**
 * Lets a command take negative numbers (a latitude south, a longitude west, a setpoint below zero)
 * wherever it takes numbers. Karaf's action preparator looks up every word that starts with '-'
 * before the first argument as an option, refuses it when none is declared, and knows no "--".
 * Use it with {@code @Parsing(SignedNumbers.class)} on the command. No urbis option is named like a number, so a word that is a plain negative number goes to the shell as
 * arithmetic, {@code $((-0.18))}, and reaches the command as a number rather than as a word.
 */
@Service
public class SignedNumbers extends DefaultParser {

    /** A decimal number of at most 15 digits, so that a double holds it exactly. */
    private static final Pattern NEGATIVE = Pattern.compile("-(?=[0-9.]{1,16}$)(\\d+(\\.\\d*)?|\\.\\d+)");

    @Override
    public String preprocess(Session session, CommandLine line) {
        return Arrays.stream(line.getArguments()).map(SignedNumbers::word).collect(Collectors.joining(" "));
    }

    /** The word as the shell should see it: a plain negative number as arithmetic, anything else unchanged. */
    public static String word(String word) {
        return NEGATIVE.matcher(word).matches() ? "$((" + word + "))" : word;
    }
}
