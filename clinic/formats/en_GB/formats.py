"""The clinic's way of writing times, 4:33pm, wherever Django formats one (the admin included).

Django's "a" is "a.m."/"p.m."; clinic/locale turns those into "am"/"pm".
"""

TIME_FORMAT = "g:ia"  # 4:33pm
DATETIME_FORMAT = "j M Y, g:ia"  # 1 Dec 2026, 4:33pm
SHORT_DATETIME_FORMAT = "d/m/Y g:ia"  # 01/12/2026 4:33pm
