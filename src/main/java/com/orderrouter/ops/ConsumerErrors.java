package com.orderrouter.ops;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQS consumers' exception handler (the {@code exceptionHandler} option). Camel's default logs a WARN with the stack
 * trace twice for every failed exchange ("Error processing exchange" and the aws2-sqs consumer's "Error during processing
 * exchange. Will attempt to process the message on next poll."), after orders-error-handling has already logged the
 * failure once (ProcessingOutcomes). Those go to DEBUG here; anything the error handling did not see (no exchange, or
 * an exchange the error handling never decided on) is one WARN line with its cause, without a stack trace.
 */
public class ConsumerErrors implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerErrors.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        // set once an onException or the dead-letter channel has decided on the failure (handled or not)
        if (exchange != null && exchange.getExchangeExtension().isErrorHandlerHandledSet()) {
            LOG.debug("{} (exchange {}, already handled): {}", message, exchange.getExchangeId(),
                    PollBackoff.describe(exception));
            return;
        }
        LOG.warn("{}: {}", message == null ? "Consumer error" : message, PollBackoff.describe(exception));
    }
}
