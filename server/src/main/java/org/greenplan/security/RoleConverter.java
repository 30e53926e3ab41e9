package org.greenplan.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores a {@link Role} as the lower-case word the API and the table's CHECK constraint use. */
@Converter
class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Role convertToEntityAttribute(String code) {
        return code == null ? null : Role.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
