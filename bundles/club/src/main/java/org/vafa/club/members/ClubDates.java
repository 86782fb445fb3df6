package org.vafa.club.members;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.PersianCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vafa.api.input.Digits;

/**
 * Dates as Iranian members give them — Jalali (Solar Hijri, {@code 1370-05-12}, {@code ۱۳۷۰/۰۵/۱۲}) — or
 * Gregorian ISO ({@code 1991-08-03}); stored as Gregorian, shown both ways. The calendar is ICU4J's.
 */
public final class ClubDates {
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");

    private ClubDates() {
    }

    /**
     * Years 1200–1499 are read as Jalali, 1800–2199 as Gregorian (no living member's date is ambiguous).
     *
     * @throws IllegalArgumentException with a reason
     */
    public static LocalDate parse(String typed) {
        Matcher m = DATE.matcher(Digits.toAscii(typed == null ? "" : typed.trim()));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + typed + "' is not a date: use YYYY-MM-DD, Gregorian or Jalali");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (year >= 1200 && year <= 1499) {
            return fromJalali(year, month, day, typed);
        }
        if (year >= 1800 && year <= 2199) {
            try {
                return LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("'" + typed + "' is not a day of the Gregorian calendar");
            }
        }
        throw new IllegalArgumentException("'" + typed + "': the year must be Jalali (1200-1499) or Gregorian (1800-2199)");
    }

    private static LocalDate fromJalali(int year, int month, int day, String typed) {
        PersianCalendar cal = new PersianCalendar(TimeZone.GMT_ZONE);
        cal.setLenient(false);
        cal.clear();
        cal.set(year, month - 1, day);
        try {
            java.util.Date date = cal.getTime(); // validates (non-lenient)
            Calendar gregorian = Calendar.getInstance(TimeZone.GMT_ZONE);
            gregorian.setTime(date);
            return LocalDate.of(gregorian.get(Calendar.YEAR), gregorian.get(Calendar.MONTH) + 1, gregorian.get(Calendar.DAY_OF_MONTH));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a day of the Jalali calendar");
        }
    }

    /** The Jalali form, {@code 1370-05-12}. */
    public static String jalali(LocalDate date) {
        Calendar gregorian = Calendar.getInstance(TimeZone.GMT_ZONE);
        gregorian.clear();
        gregorian.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
        PersianCalendar cal = new PersianCalendar(TimeZone.GMT_ZONE);
        cal.setTime(gregorian.getTime());
        return String.format("%04d-%02d-%02d", cal.get(Calendar.YEAR), cal.get(Calendar.MONTH) + 1, cal.get(Calendar.DAY_OF_MONTH));
    }
}
