package org.urbis.notify.internal.delivery;

import org.urbis.notify.internal.config.Channel;

/** Delivers a message over one kind of channel, within the channel's timeout. */
public interface Sender {

    /** @return the receiver's answer in a few words, for the record */
    String send(Channel channel, Message message) throws DeliveryException;
}
