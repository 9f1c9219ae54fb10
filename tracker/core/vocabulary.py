"""The words the data is written in: twitch locations and sides, factor kinds, daily rules,
red flags. Plain enums with no database behind them, so the parts of tracker that only read
(the Today screen's first look, the daily rows) need not import SQLModel.
"""

from __future__ import annotations

from enum import StrEnum


class Location(StrEnum):
    UPPER_LIP = "upper-lip"
    LOWER_LIP = "lower-lip"
    MOUTH_CORNER = "mouth-corner"
    EYELID = "eyelid"
    CHEEK = "cheek"
    CHIN = "chin"
    OTHER = "other"
    UNSPECIFIED = "unspecified"  # logged without a place: not a place, never counted as one


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    CENTER = "center"
    UNSPECIFIED = "unspecified"  # a twitch logged without a side


class FactorKind(StrEnum):
    NUMBER = "number"
    SCALE = "scale"
    YES_NO = "yes-no"


class DailyRule(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    MAX = "max"
    LAST = "last"


class RedFlagKind(StrEnum):
    SPREADING = "spreading"
    WEAKNESS = "weakness"
    DROOPING = "drooping"
    SPEECH = "speech"
    SWALLOWING = "swallowing"
    EYE_CLOSURE = "eye-closure"
    MOVEMENT_TRIGGERED = "movement-triggered"
    OTHER = "other"
