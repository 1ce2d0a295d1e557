import Foundation
import IS03Storage
