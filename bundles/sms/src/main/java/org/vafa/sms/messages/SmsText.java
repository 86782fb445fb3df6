package org.vafa.sms.messages;

/**
 * How many SMS a text takes: GSM 7-bit when every character is in the GSM alphabet (160 alone, 153 a
 * part when concatenated), else UCS-2, as Persian is (70 alone, 67 a part). Extension characters
 * ({@code ^{}[]~|€\}) count twice in GSM.
 */
public record SmsText(boolean ucs2, int parts, int length) {
    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    public static SmsText of(String text) {
        int gsmLength = 0;
        boolean ucs2 = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM.indexOf(c) >= 0) {
                gsmLength++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                gsmLength += 2;
            } else {
                ucs2 = true;
                break;
            }
        }
        if (ucs2) {
            int units = text.length(); // UTF-16 code units, as UCS-2 counts them
            return new SmsText(true, units <= 70 ? 1 : (units + 66) / 67, units);
        }
        return new SmsText(false, gsmLength <= 160 ? 1 : (gsmLength + 152) / 153, gsmLength);
    }
}
