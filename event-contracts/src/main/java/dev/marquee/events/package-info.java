/**
 * Marquee's event contracts: one Java record and one versioned JSON Schema per event type, the
 * {@link dev.marquee.events.Topic topic catalogue}, and the CloudEvents binary-mode header conventions
 * ({@link dev.marquee.events.CloudEventHeaders}). A breaking change adds a new {@code .vN} type and topic.
 */
package dev.marquee.events;
