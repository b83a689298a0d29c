package io.mirrormaestro.api.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warning levels notifications and the dashboard report: 30, 7 and 1 days before expiry, then expired. */
class TokenStatusTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "90, none",
                "31, none",
                "30, 30_days",
                "8, 30_days",
                "7, 7_days",
                "2, 7_days",
                "1, 1_day",
                "0, expired",
                "-5, expired"
            })
    void levels(int daysLeft, String level) {
        assertThat(TokenStatus.warning(TODAY.plusDays(daysLeft), TODAY)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({"0, expired", "1, expiring_soon", "14, expiring_soon", "15, active"})
    void statusStaysAsBefore(int daysLeft, String status) {
        assertThat(TokenStatus.of(TODAY.plusDays(daysLeft), TODAY)).isEqualTo(status);
    }
}
