import IS03Core
