"""Personal data in French text: find it, replace it with placeholders, keep it from models."""

from harness.privacy._anonymize import anonymize, assert_no_personal_data, find_personal_data
from harness.privacy._entity import (
    ENTITY_TYPES,
    AnonymizedText,
    Entity,
    EntityType,
    PersonalDataError,
)

__all__ = [
    "ENTITY_TYPES",
    "AnonymizedText",
    "Entity",
    "EntityType",
    "PersonalDataError",
    "anonymize",
    "assert_no_personal_data",
    "find_personal_data",
]
