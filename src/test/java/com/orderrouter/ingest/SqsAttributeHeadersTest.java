package com.orderrouter.ingest;

import org.apache.camel.spi.HeaderFilterStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS consumers' header filter: an allow-list, any letter case; names Camel or SQS own are refused. */
class SqsAttributeHeadersTest {

    private final HeaderFilterStrategy filter = SqsAttributeHeaders.allowing("traceparent, tracestate");

    @ParameterizedTest
    @ValueSource(strings = { "traceparent", "TraceParent", "TRACESTATE" })
    void listedAttributesBecomeHeadersInAnyLetterCase(String name) {
        assertThat(filter.applyFilterToExternalHeaders(name, "v", null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "CamelAwsDdbTableName", "camelawsddboperation", "CAMELBEANMETHODNAME", "tenant",
            "ApproximateReceiveCount", "org.apache.camel.foo", "breadcrumbId", "traceparent2" })
    void everyOtherAttributeIsFiltered(String name) {
        assertThat(filter.applyFilterToExternalHeaders(name, "v", null)).isTrue();
    }

    @Test
    void namesCamelOrSqsOwnAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> SqsAttributeHeaders.allowing("traceparent,camelAwsS3Key,messagegroupid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orders.sqs.header-attributes lists camelAwsS3Key, messagegroupid: a message attribute may "
                        + "not become a header Camel or SQS owns");
    }

    @Test
    void anEmptyListLetsNoAttributeThrough() {
        assertThat(SqsAttributeHeaders.allowing("").applyFilterToExternalHeaders("traceparent", "v", null)).isTrue();
    }
}
