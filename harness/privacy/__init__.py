"""Personal data in French text, defined once: found, replaced with placeholders, kept from remote
models, and flagged in replies by the style guide."""

from harness.privacy._anonymize import (
    anonymize,
    anonymize_many,
    find_personal_data,
    find_personal_data_many,
)
from harness.privacy._entity import (
    ENTITY_TYPES,
    AnonymizedText,
    Entity,
    EntityType,
    PersonalDataError,
)
from harness.privacy._patterns import digits, official_numbers

__all__ = [
    "ENTITY_TYPES",
    "AnonymizedText",
    "Entity",
    "EntityType",
    "PersonalDataError",
    "anonymize",
    "anonymize_many",
    "digits",
    "find_personal_data",
    "find_personal_data_many",
    "official_numbers",
]
