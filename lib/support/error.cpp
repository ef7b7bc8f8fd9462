#include "error.h"

namespace Authdesk {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
    case ErrorCode::Validation:
        return 1;
    case ErrorCode::NotFound:
        return 2;
    case ErrorCode::Script:
    case ErrorCode::Provider:
    case ErrorCode::Internal:
        return 3;
    case ErrorCode::Denied:
        return 4;
    case ErrorCode::SecureStorage:
        return 5;
    }
    return 3;
}

} // namespace Authdesk
