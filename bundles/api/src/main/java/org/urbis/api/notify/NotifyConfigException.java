package org.urbis.api.notify;

import java.util.List;

/** A notification configuration refused, with every problem named by file and field. */
public class NotifyConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public NotifyConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
