package dev.marquee.outbox;

import java.util.Map;

/**
 * What a service holds of a user, for the privacy sagas: implemented by every service that keeps personal data,
 * and driven by {@link PrivacyParticipation}.
 */
public interface PrivacyParticipant {
    /**
     * Deletes every row of the user this service holds and everything derived from them, inside the current
     * transaction.
     *
     * @return what was erased, as counts per kind of record
     */
    Map<String, Long> eraseUser(String userId);

    /**
     * Called once the erasure's transaction has committed (not again for a re-sent request, which must not make
     * the service forget the user's activity since): the place to forget the user in memory, which must not happen
     * before the rows are gone for good.
     */
    default void erased(String userId) {
    }

    /**
     * Everything this service holds about the user, for the user's copy of their data (right of access), read
     * inside the current transaction.
     *
     * @return one entry per kind of record (the same kinds {@link #eraseUser} counts), each a list of records as
     *         JSON-ready maps or records
     */
    Map<String, Object> exportUser(String userId);
}
