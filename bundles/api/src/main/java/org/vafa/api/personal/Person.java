package org.vafa.api.personal;

import java.util.List;

/**
 * Who an export or an erasure is about: the member and every mobile and e-mail address they had with the
 * business, gathered by the platform before anything is erased (a plugin that erases later, because it was
 * not installed at the time, still finds its rows by them).
 *
 * @param memberId the club member's id
 * @param mobiles  E.164 numbers
 * @param emails   addresses, as given
 */
public record Person(String memberId, List<String> mobiles, List<String> emails) {
    public Person {
        mobiles = mobiles == null ? List.of() : List.copyOf(mobiles);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
