package io.jwtbridge.oidc;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * The authorizations an instance has just stored with a new code, by the code's stored form, until
 * the code is redeemed or expires: at most {@value #MAX_ENTRIES} of them and at most
 * {@value #MAX_BYTES} bytes (each counted at twice its stored text, plus 1 KiB), oldest out first;
 * codes that expired go first. Only a shortcut: a code that is not here is read from the database.
 */
final class RecentCodes {

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private record Entry(OAuth2Authorization authorization, long bytes) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long bytes;

    synchronized OAuth2Authorization get(String hash) {
        Entry entry = entries.get(hash);
        return entry == null ? null : entry.authorization();
    }

    synchronized void remove(String hash) {
        Entry entry = entries.remove(hash);
        if (entry != null) {
            bytes -= entry.bytes();
        }
    }

    /** {@code storedChars}: the characters of the row's text columns. */
    synchronized void put(String hash, OAuth2Authorization authorization, long storedChars) {
        long size = 2 * storedChars + 1024;
        remove(hash);
        if (size > MAX_BYTES) {
            return;
        }
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            boolean full = entries.size() >= MAX_ENTRIES || bytes + size > MAX_BYTES;
            if (!full && !expired(entry)) {
                break;
            }
            oldest.remove();
            bytes -= entry.bytes();
        }
        entries.put(hash, new Entry(authorization, size));
        bytes += size;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private static boolean expired(Entry entry) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code =
                entry.authorization().getToken(OAuth2AuthorizationCode.class);
        return code == null || code.isExpired();
    }
}
