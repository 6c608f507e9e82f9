"""Regional training catalogue: import (LHEO, CPF, simple CSV) and matching to a player."""
