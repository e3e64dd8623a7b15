package com.orderrouter.ops;

import org.apache.camel.telemetry.decorators.AbstractSpanDecorator;

/**
 * Span decorators for the endpoints our routes use, registered for camel-telemetry's ServiceLoader
 * (META-INF/services/org.apache.camel.telemetry.SpanDecorator). They change no span: like Camel's default decorator they
 * take the component name from the endpoint. Without them, every span start and end looks the scheme up in vain and
 * then scans all of Camel's ~50 decorators by class name (SpanDecoratorManagerImpl); with them it is one map lookup.
 */
public final class SpanDecorators {

    private SpanDecorators() {
    }

    /** The orders and DLQ consumers, and the DLQ copy. */
    public static final class Aws2Sqs extends Named {
        public Aws2Sqs() {
            super("aws2-sqs", "org.apache.camel.component.aws2.sqs.Sqs2Component");
        }
    }

    /** PutItem, UpdateItem, GetItem. */
    public static final class Aws2Ddb extends Named {
        public Aws2Ddb() {
            super("aws2-ddb", "org.apache.camel.component.aws2.ddb.Ddb2Component");
        }
    }

    /** The dead-letter archive. */
    public static final class Aws2S3 extends Named {
        public Aws2S3() {
            super("aws2-s3", "org.apache.camel.component.aws2.s3.AWS2S3Component");
        }
    }

    /** The alert. */
    public static final class Aws2Sns extends Named {
        public Aws2Sns() {
            super("aws2-sns", "org.apache.camel.component.aws2.sns.Sns2Component");
        }
    }

    /** bean:deadLetterQueue?method=... in the error handling. */
    public static final class Bean extends Named {
        public Bean() {
            super("bean", "org.apache.camel.component.bean.BeanComponent");
        }
    }

    abstract static class Named extends AbstractSpanDecorator {

        private final String scheme;
        private final String componentClass;

        Named(String scheme, String componentClass) {
            this.scheme = scheme;
            this.componentClass = componentClass;
        }

        @Override
        public String getComponent() {
            return scheme;
        }

        @Override
        public String getComponentClassName() {
            return componentClass;
        }
    }
}
