package org.greenplan.workspace;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link Visibility} as the lower-case word the table's CHECK constraint names. */
@Converter(autoApply = true)
class VisibilityConverter implements AttributeConverter<Visibility, String> {

    @Override
    public String convertToDatabaseColumn(Visibility visibility) {
        return visibility == null ? null : visibility.code();
    }

    @Override
    public Visibility convertToEntityAttribute(String code) {
        return code == null ? null : Visibility.of(code);
    }
}
