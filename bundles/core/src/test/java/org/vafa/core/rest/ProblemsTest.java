package org.vafa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vafa.api.rest.Problem;

class ProblemsTest {
    private final ObjectMapper plainMapper = new ObjectMapper();

    @Test
    void malformedClientJsonIsA400NamingTheField() {
        Exception wrongType = catchIt(() -> plainMapper.readValue("{\"points\": {\"a\": 1}}", PointsBody.class));
        Problem p = Problems.of(wrongType);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.field()).isEqualTo("points");
        assertThat(Problems.of(catchIt(() -> plainMapper.readTree("{\"a\": "))).status()).isEqualTo(400);
    }

    @Test
    void aResponseTheServerCannotWriteIsA500NotTheClientsFault() {
        Exception cannotWrite = catchIt(() -> plainMapper.writeValueAsString(Map.of("at", Instant.now())));
        Problem p = Problems.of(cannotWrite);
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.detail()).contains("error id");
    }

    @Test
    void aResourceWhoseRouteIsGoneIsA503ToRetry() {
        Problem p = Problems.of(new org.apache.camel.component.direct.DirectConsumerNotAvailableException("No consumers", null));
        assertThat(p.status()).isEqualTo(503);
    }

    @Test
    void aProblemThrownByARouteIsKept() {
        assertThat(Problems.of(new RuntimeException(Problem.invalidField("mobile", "not a mobile")))).extracting(Problem::field)
                .isEqualTo("mobile");
    }

    record PointsBody(long points) {
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static Exception catchIt(Failing f) {
        try {
            f.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
