package org.vafa.api.personal;

import java.util.Map;

/**
 * Provided by every plugin that holds data about people, so that one export and one erasure reach all of them.
 * The platform calls it from {@code GET|DELETE /api/admin/members/{id}/personal-data} and {@code vafa:personal-data}.
 * A plugin that is not installed when a member is erased is erased when it comes back (the platform keeps the
 * erasure's part for it until then).
 */
public interface PersonalData {
    /** The service property naming the plugin, e.g. {@code vafa.personal.plugin=sms}. */
    String PLUGIN = "vafa.personal.plugin";

    /** What the plugin holds about the person, or an empty section. */
    Section export(Person person);

    /**
     * Erases or anonymises what the plugin holds about the person — names, contact points, dates of birth, message
     * texts, free text — keeping in anonymous form what the law and the books need (amounts, counts, points
     * liability). Runs in one transaction; running it again changes nothing more.
     *
     * @param erasureId the platform's erasure, for the plugin's own records and events
     * @return what was erased, for the erasure's report
     */
    Erased erase(Person person, String erasureId);

    /**
     * A plugin's part of an export.
     *
     * @param data      plain values, lists and maps, as JSON shows them
     * @param summaryFa one or two sentences in Persian, e.g. «۳ پیامک»
     * @param summaryEn the same in English
     */
    record Section(Map<String, Object> data, String summaryFa, String summaryEn) {
    }

    /**
     * A plugin's part of an erasure.
     *
     * @param records how many of its records were erased or anonymised
     * @param detail  what was done, in English, for the report (no personal data)
     */
    record Erased(int records, String detail) {
    }
}
