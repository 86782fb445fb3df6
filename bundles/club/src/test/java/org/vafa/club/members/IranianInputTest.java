package org.vafa.club.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vafa.api.input.PhoneNumbers;

class IranianInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"09121234567", "+98 912 123 4567", "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "00989121234567", "9121234567",
            "0912-123-4567", "+۹۸۹۱۲۱۲۳۴۵۶۷"})
    void iranianMobilesInEveryUsualFormBecomeE164(String typed) {
        assertThat(PhoneNumbers.mobileToE164(typed, "IR")).isEqualTo("+989121234567");
    }

    @Test
    void foreignMobilesWithTheirCountryCodeAreKept() {
        assertThat(PhoneNumbers.mobileToE164("+44 7911 123456", "IR")).isEqualTo("+447911123456");
    }

    @Test
    void landlinesAndNonsenseAreRejectedWithAReason() {
        assertThatThrownBy(() -> PhoneNumbers.mobileToE164("021 8888 7777", "IR")).hasMessageContaining("not a mobile number");
        assertThatThrownBy(() -> PhoneNumbers.mobileToE164("0912123", "IR")).hasMessageContaining("not a valid phone number");
        assertThatThrownBy(() -> PhoneNumbers.mobileToE164("hello", "IR")).hasMessageContaining("not a phone number");
        assertThatThrownBy(() -> PhoneNumbers.mobileToE164(" ", "IR")).hasMessageContaining("required");
    }

    @Test
    void jalaliAndGregorianDatesAreReadAndShownBothWays() {
        assertThat(ClubDates.parse("1370-05-12")).isEqualTo(LocalDate.of(1991, 8, 3));
        assertThat(ClubDates.parse("۱۳۷۰/۰۵/۱۲")).isEqualTo(LocalDate.of(1991, 8, 3));
        assertThat(ClubDates.parse("1991-08-03")).isEqualTo(LocalDate.of(1991, 8, 3));
        assertThat(ClubDates.jalali(LocalDate.of(1991, 8, 3))).isEqualTo("1370-05-12");
        assertThat(ClubDates.jalali(LocalDate.of(2025, 3, 21))).isEqualTo("1404-01-01"); // Nowruz
        assertThat(ClubDates.parse("1403-12-30")).as("1403 is a leap year").isEqualTo(LocalDate.of(2025, 3, 20));
    }

    @Test
    void impossibleDatesAreRejected() {
        assertThatThrownBy(() -> ClubDates.parse("1402-12-30")).hasMessageContaining("Jalali");
        assertThatThrownBy(() -> ClubDates.parse("1991-02-30")).hasMessageContaining("Gregorian");
        assertThatThrownBy(() -> ClubDates.parse("12/08/1991")).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> ClubDates.parse("1700-01-01")).hasMessageContaining("year");
    }

    @Test
    void namesSearchAlikeWhateverKeyboardTypedThem() {
        assertThat(Names.searchKey("علي  كريمي")).isEqualTo(Names.searchKey("علی کریمی"));
        assertThat(Names.searchKey("مهر\u200cناز")).isEqualTo("مهر ناز");
        assertThat(Names.searchKey(" Sara  AHMADI ")).isEqualTo("sara ahmadi");
    }

    @Test
    void cardNumbersCarryALuhnCheckDigit() {
        String card = CardNumbers.generate("6104");
        assertThat(card).hasSize(16).startsWith("6104");
        assertThat(CardNumbers.isValid(card)).isTrue();
        assertThat(CardNumbers.isValid("4111111111111111")).isTrue();
        assertThat(CardNumbers.isValid("4111111111111112")).isFalse();
    }
}
