package dev.marquee.recommendation;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link TitleKind} as its lower-case wire name. */
@Converter
public class TitleKindConverter implements AttributeConverter<TitleKind, String> {
    @Override
    public String convertToDatabaseColumn(TitleKind kind) {
        return kind == null ? null : kind.wireName();
    }

    @Override
    public TitleKind convertToEntityAttribute(String value) {
        return value == null ? null : TitleKind.fromWireName(value);
    }
}
